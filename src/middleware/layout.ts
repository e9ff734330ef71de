import type { NextFunction, Request, Response } from 'express';

/** res.render(view) renders the view, then views/layouts/<layout ?? 'main'> around it. */
export function layout(_req: Request, res: Response, next: NextFunction): void {
  const render = res.render.bind(res);
  res.render = ((view: string, options: Record<string, unknown> = {}, callback?: (err: Error, html: string) => void) => {
    render(view, options, (err: Error | null, body: string) => {
      if (err) return callback ? callback(err, '') : next(err);
      if (options.layout === false) return callback ? callback(err as unknown as Error, body) : res.send(body);
      render(`layouts/${(options.layout as string) ?? 'main'}`, { ...options, body }, callback);
    });
  }) as Response['render'];
  next();
}
