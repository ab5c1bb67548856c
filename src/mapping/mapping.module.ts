import { Module } from '@nestjs/common';

/** MappingModule: the project registry (alias → space/folder/list) and hierarchy discovery. */
@Module({})
export class MappingModule {}
