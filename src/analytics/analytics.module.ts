import { Module } from '@nestjs/common';

/** AnalyticsModule: time reports and timesheets; every report query lives in its repositories. */
@Module({})
export class AnalyticsModule {}
