import { Module } from '@nestjs/common';

/** IntelligenceModule: project insights (health, standup, velocity …) built on pure formulas. */
@Module({})
export class IntelligenceModule {}
