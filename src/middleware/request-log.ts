import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/**
 * One short line per finished request (id, method, path without the query, status, time): no headers, so no cookies
 * or tokens in the logs. 5xx at error, 4xx at info, the rest at debug. Replaces pino-http, which built a child logger
 * and its serializers on every request even when the line was below the level (issue 12: ~6 % of a page's CPU).
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.url.startsWith('/assets/')) return next();
    const started = performance.now();
    res.once('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id: req.id, method: req.method, url: req.originalUrl.split('?')[0] },
          res: { status: res.statusCode },
          responseTime: Math.round(performance.now() - started),
          ...(req.clientRequestId ? { clientRequestId: req.clientRequestId } : {}),
        },
        'request completed',
      );
    });
    next();
  };
}
