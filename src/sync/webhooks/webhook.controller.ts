import { Body, Controller, Delete, Headers, HttpCode, HttpException, HttpStatus, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RegisterWebhookBody } from './dto/register-webhook.dto';
import type { Request } from 'express';
import { webhookEventSchema } from './webhook-event';
import { verifyWebhookSignature } from './webhook-signature';
import { WebhookProcessorService } from './webhook-processor.service';
import { WebhookRegistrationService } from './webhook-registration.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhookController {
  constructor(
    private readonly processor: WebhookProcessorService,
    private readonly registration: WebhookRegistrationService,
  ) {}

  @Post('clickup')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'ClickUp webhook receiver: verifies X-Signature over the raw body, answers at once, refreshes the affected objects.' })
  @ApiOkResponse({ description: '`{ accepted: true|false }` — false for events this server does not act on.' })
  @ApiUnauthorizedResponse({ description: 'Missing or invalid X-Signature.' })
  async receive(@Req() req: RawBodyRequest<Request>, @Headers('x-signature') signature?: string) {
    const raw = req.rawBody;
    const secrets = await this.processor.secrets();
    if (!secrets.length) {
      throw new HttpException({ error: 'No webhook secret is configured (WEBHOOK_SECRET) or registered; refusing unsigned deliveries.' }, HttpStatus.UNAUTHORIZED);
    }
    if (!raw || !verifyWebhookSignature(raw, signature, secrets)) {
      throw new HttpException({ error: 'Invalid or missing X-Signature.' }, HttpStatus.UNAUTHORIZED);
    }
    const parsed = webhookEventSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpException({ error: 'Body is not a ClickUp webhook event.' }, HttpStatus.BAD_REQUEST);
    return { accepted: this.processor.enqueue(parsed.data) };
  }

  @Post('register')
  @ApiOperation({ summary: 'Register this server as a ClickUp webhook (needs PUBLIC_BASE_URL); stores the returned secret.' })
  register(@Body() body: RegisterWebhookBody) {
    return this.registration.register(body?.endpoint);
  }

  @Delete('register')
  @ApiOperation({ summary: 'Delete the registered ClickUp webhook.' })
  unregister() {
    return this.registration.unregister();
  }
}
