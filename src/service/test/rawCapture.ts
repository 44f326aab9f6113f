// Test support: a real AppConfig Data SDK client that also keeps every raw HTTP answer it received (status,
// headers, body bytes), so a test can compare what an app saw through the recording proxy with a direct call.
import { PassThrough, type Readable } from 'node:stream';
import type { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { dataClient } from '../../emulator/test/support.js';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The client plus the raw answers in arrival order (every attempt, errors included). */
export function capturingClient(url: string): { client: AppConfigDataClient; raw: RawAnswer[] } {
  const client = dataClient(url, { maxAttempts: 1 });
  const raw: RawAnswer[] = [];
  // Deserialize step, low priority: inside the SDK's deserializer, so this sees the bytes before it parses them.
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as {
        statusCode: number;
        headers: Record<string, string>;
        body: Readable;
      };
      const body = Buffer.concat((await response.body.toArray()) as Buffer[]);
      raw.push({ status: response.statusCode, headers: { ...response.headers }, body });
      response.body = new PassThrough().end(body);
      return out;
    },
    { step: 'deserialize', priority: 'low' },
  );
  return { client, raw };
}
