import { describe, expect, it } from 'vitest';
import { isReplicaUnavailable } from '../../../src/db/replicas.ts';

describe('isReplicaUnavailable', () => {
  it('when the replica cannot answer (refused, gone, starting, recovery conflict, pool wait over), then the query moves to the primary', () => {
    expect(isReplicaUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isReplicaUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(
      isReplicaUnavailable({
        code: 'P2010',
        meta: { driverAdapterError: { cause: { originalCode: '57P03', originalMessage: 'the database system is starting up' } } },
      }),
    ).toBe(true);
    expect(isReplicaUnavailable(new Error('canceling statement due to conflict with recovery'))).toBe(true);
    expect(isReplicaUnavailable({ name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } })).toBe(true);
  });

  it('when the query itself is wrong (the primary would refuse it too), then the error stands', () => {
    expect(
      isReplicaUnavailable({
        code: 'P2010',
        meta: { driverAdapterError: { cause: { originalCode: '42P01', originalMessage: 'relation "x" does not exist' } } },
      }),
    ).toBe(false);
    expect(isReplicaUnavailable(new Error('invalid input syntax for type integer'))).toBe(false);
  });
});
