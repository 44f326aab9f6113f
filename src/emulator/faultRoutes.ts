// The reserved `/__emulator/faults` API: list, add, remove and clear injected faults while the emulator runs.
// Built by the emulator's index; imports node: and its own folder only.
import type { EmulatorContext } from './index.js';
import { AwsError, badRequest, parseJsonObject, sendJson } from './http.js';
import { FAULT_GRAMMAR, FaultSpecError } from './faults.js';
import { route, type Route } from './router.js';

function faultId(raw: string | undefined): number {
  const id = /^\d{1,9}$/.test(raw ?? '') ? Number(raw) : NaN;
  if (!(id >= 1)) throw badRequest(`Fault ids are whole numbers from 1, got "${raw}".`);
  return id;
}

export function faultRoutes(context: EmulatorContext): Route[] {
  const table = context.faults.table;
  return [
    route('GET', '/__emulator/faults', ({ res }) => sendJson(res, 200, { faults: table.list() })),
    route('POST', '/__emulator/faults', async (ctx) => {
      const body = parseJsonObject(await ctx.body(64 * 1024));
      const unknown = Object.keys(body).filter((k) => k !== 'spec');
      if (unknown.length > 0)
        throw badRequest(
          `Unknown member ${unknown.join(', ')}; the body is {"spec": "${FAULT_GRAMMAR}"}.`,
        );
      if (typeof body.spec !== 'string')
        throw badRequest(`Member spec must be a string: ${FAULT_GRAMMAR}.`);
      try {
        sendJson(ctx.res, 201, table.add(body.spec));
      } catch (e) {
        if (e instanceof FaultSpecError)
          throw badRequest(`Fault spec "${body.spec}": ${e.message}`);
        throw e;
      }
    }),
    route('DELETE', '/__emulator/faults', ({ res }) =>
      sendJson(res, 200, { removed: table.clear() }),
    ),
    route('DELETE', '/__emulator/faults/:id', ({ res, params }) => {
      const removed = table.remove(faultId(params.id));
      if (!removed)
        throw new AwsError(404, 'ResourceNotFoundException', `No fault has id ${params.id}.`);
      sendJson(res, 200, removed);
    }),
  ];
}
