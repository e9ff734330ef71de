import pino from 'pino';

// Structured JSON logs. Secrets never reach them: cookies, authorization, passwords and bank account numbers are redacted.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  redact: {
    paths: [
      'req.headers.cookie',
      'req.headers.authorization',
      'res.headers["set-cookie"]',
      '*.password',
      '*.passwordHash',
      '*.rekening',
      '*.*.rekening',
    ],
    censor: '[disembunyikan]',
  },
  base: undefined,
});
