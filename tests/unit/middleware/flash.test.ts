import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { flash } from '../../../src/middleware/flash.ts';

describe('flash', () => {
  it('when 8 messages are left without a page showing them, then the session keeps only the last 5', () => {
    const req = { session: {} } as unknown as Request;
    const res = { locals: {}, statusCode: 200 } as unknown as Response;
    flash(req, res, () => undefined);
    for (let i = 1; i <= 8; i++) req.flash('success', `pesan ${i}`);
    expect(req.session.flash?.map((m) => m.message)).toEqual(['pesan 4', 'pesan 5', 'pesan 6', 'pesan 7', 'pesan 8']);
    expect((res.locals.takeFlash as () => unknown[])()).toHaveLength(5);
    expect(req.session.flash).toBeUndefined();
  });
});
