import { Body, Controller, Delete, Headers, HttpCode, HttpException, HttpStatus, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RegisterWebhookBody } from './dto/register-webhook.dto';
import type { Request } from 'express';
import { webhookEventSchema } from './webhook-event';
import { verifyWebhookSignature } from './webhook-signature';
import { WebhookProcessorService } from './webhook-processor.service';
import { WebhookRegistrationService } from './webhook-registration.service';

/** A text/plain delivery arrives as the raw string (its signature was checked over the same bytes). */
function jsonBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

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
  @ApiOkResponse({
    description: '`{ accepted: true|false }` — false for events this server does not act on, and for replays (`reason: duplicate|stale`).',
  })
  @ApiUnauthorizedResponse({ description: 'Missing or invalid X-Signature.' })
  async receive(@Req() req: RawBodyRequest<Request>, @Headers('x-signature') signature?: string) {
    const raw = req.rawBody;
    const secrets = await this.processor.secrets();
    if (!secrets.length) {
      throw new HttpException(
        { error: 'No webhook secret is configured (WEBHOOK_SECRET) or registered; refusing unsigned deliveries.' },
        HttpStatus.UNAUTHORIZED,
      );
    }
    // No raw bytes means no parser took the body (an unexpected Content-Type): say that, not "bad signature".
    if (!raw)
      throw new HttpException(
        { error: 'Send the delivery as JSON (Content-Type application/json or text/plain).' },
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      );
    if (!verifyWebhookSignature(raw, signature, secrets)) {
      throw new HttpException({ error: 'Invalid or missing X-Signature.' }, HttpStatus.UNAUTHORIZED);
    }
    const parsed = webhookEventSchema.safeParse(jsonBody(req.body));
    if (!parsed.success) throw new HttpException({ error: 'Body is not a ClickUp webhook event.' }, HttpStatus.BAD_REQUEST);
    const verdict = this.processor.admit(raw, parsed.data);
    if (verdict !== 'fresh') return { accepted: false, reason: verdict };
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
