import { describe, expect, it } from 'vitest';
import { ApiError, toApiError, toTransportableError } from './errors';

describe('ApiError transport', () => {
  it('round-trips through plain data', () => {
    const e = toApiError(new ApiError('busy', 'still running').toData());
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'busy', message: 'still running' });
  });
  it('round-trips through an Error message (what contextBridge keeps), even with a prefix added', () => {
    const carried = toTransportableError({ code: 'cancelled', message: 'save cancelled' });
    expect(toApiError(carried)).toMatchObject({ code: 'cancelled', message: 'save cancelled' });
    expect(toApiError(new Error(`Error invoking remote method: ${carried.message}`))).toMatchObject({ code: 'cancelled' });
  });
  it('wraps anything else as internal', () => {
    expect(toApiError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toApiError('text')).toMatchObject({ code: 'internal', message: 'text' });
    expect(toApiError(null)).toMatchObject({ code: 'internal' });
  });
});
