// The literals of queryGeneric (src/db/generic-plan.ts): EXECUTE takes literals, so only integers, ISO dates and arrays
// of them are ever written into a statement; anything else (a string that would end the literal) throws.
import { describe, expect, it } from 'vitest';
import { sqlLiteral } from '../../../src/db/generic-plan.ts';

describe('sqlLiteral', () => {
  it('when given integers, dates and arrays of them, then each is a typed literal, null as a typed NULL', () => {
    expect(sqlLiteral(42, 'int')).toBe('42::int');
    expect(sqlLiteral(-3, 'int')).toBe('-3::int');
    expect(sqlLiteral('2026-11-30', 'date')).toBe("'2026-11-30'::date");
    expect(sqlLiteral(new Date('2026-11-30T00:00:00Z'), 'date')).toBe("'2026-11-30'::date");
    expect(sqlLiteral(null, 'date')).toBe('NULL::date');
    expect(sqlLiteral([1, 2], 'int[]')).toBe('ARRAY[1::int, 2::int]::int[]');
    expect(sqlLiteral(['2026-01-01', null], 'date[]')).toBe("ARRAY['2026-01-01'::date, NULL::date]::date[]");
    expect(sqlLiteral([], 'int[]')).toBe('ARRAY[]::int[]');
  });

  it('when a value is not of its type, then it throws instead of writing it into the statement', () => {
    expect(() => sqlLiteral("1'; DROP TABLE realisasi; --", 'int')).toThrow(TypeError);
    expect(() => sqlLiteral(1.5, 'int')).toThrow(TypeError);
    expect(() => sqlLiteral(Number.NaN, 'int')).toThrow(TypeError);
    expect(() => sqlLiteral("2026-01-01'::date; DELETE FROM pegawai; --", 'date')).toThrow(TypeError);
    expect(() => sqlLiteral(['1', 2], 'int[]')).toThrow(TypeError);
    expect(() => sqlLiteral(1, 'int[]')).toThrow(TypeError);
    expect(() => sqlLiteral('x', 'text')).toThrow(TypeError);
  });
});
