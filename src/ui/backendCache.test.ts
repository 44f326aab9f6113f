// backendChanged in the cache: the hello answer takes the new backend, control-plane lists become stale,
// sessions stay as they are; an identity arriving alone (same place) leaves the lists be.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type BackendInfo } from '../protocol/messages.js';
import { applyEvent } from './cacheEvents.js';
import { createInspectorQueryClient, inspectorKeys } from './queries.js';
import { summary } from './testSupport.js';

const before: BackendInfo = { kind: 'aws', region: 'us-east-1', canListResources: true };

describe('backendChanged', () => {
  it('replaces the backend of the hello answer and marks control-plane answers stale', () => {
    const cache = createInspectorQueryClient();
    cache.setQueryData(inspectorKeys.backend(), {
      protocolVersion: PROTOCOL_VERSION,
      backend: before,
    });
    cache.setQueryData(inspectorKeys.resources({ kind: 'applications' }), [{ id: 'a', name: 'a' }]);
    cache.setQueryData(inspectorKeys.strategies(), []);
    cache.setQueryData(inspectorKeys.sessions(), [summary()]);
    const after = { ...before, profile: 'second', region: 'eu-west-1' };
    applyEvent(cache, { type: 'backendChanged', backend: after });
    expect(cache.getQueryData(inspectorKeys.backend())).toEqual({
      protocolVersion: PROTOCOL_VERSION,
      backend: after,
    });
    const state = (key: readonly unknown[]) => cache.getQueryState(key)?.isInvalidated;
    expect(state(inspectorKeys.resources({ kind: 'applications' }))).toBe(true);
    expect(state(inspectorKeys.strategies())).toBe(true);
    expect(state(inspectorKeys.sessions())).toBe(false);
  });

  it('leaves the lists alone when only the identity arrived', () => {
    const cache = createInspectorQueryClient();
    cache.setQueryData(inspectorKeys.backend(), {
      protocolVersion: PROTOCOL_VERSION,
      backend: before,
    });
    cache.setQueryData(inspectorKeys.strategies(), []);
    const identity = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/dev' };
    applyEvent(cache, { type: 'backendChanged', backend: { ...before, identity } });
    expect(cache.getQueryData(inspectorKeys.backend())).toMatchObject({ backend: { identity } });
    expect(cache.getQueryState(inspectorKeys.strategies())?.isInvalidated).toBe(false);
  });
});
