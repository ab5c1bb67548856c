import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUrl } from 'class-validator';

/** POST /webhooks/register */
export class RegisterWebhookBody {
  @ApiPropertyOptional({ description: 'Override the public URL of /webhooks/clickup (default: PUBLIC_BASE_URL + /webhooks/clickup).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'endpoint must be an http(s) URL' })
  endpoint?: string;
}
