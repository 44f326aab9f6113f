// Control-plane failures as protocol errors: a missing resource is notFound, a conflict is conflict, the
// rest awsError carrying AWS's own name and words (the view shows them as they are).
import { ProtocolError } from '../protocol/messages.js';
import { errorOutcome } from './awsCall.js';

/** An AWS error as the protocol's envelope: missing things are notFound, the rest awsError with AWS's words. */
export function awsFailure(e: unknown): ProtocolError {
  if (e instanceof ProtocolError) return e;
  const { errorName, message } = errorOutcome(e);
  const code =
    errorName === 'ResourceNotFoundException'
      ? 'notFound'
      : errorName === 'ConflictException'
        ? 'conflict'
        : 'awsError';
  return new ProtocolError(code, `${errorName}: ${message}`, errorName);
}

export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw awsFailure(e);
  }
}
