import { Module } from '@nestjs/common';

/** McpModule: the MCP server (SSE, Streamable HTTP, stdio), its toolsets, prompts and resources. */
@Module({})
export class McpModule {}
