import 'express-session';

declare module 'express-session' {
  interface SessionData {
    /** Epoch ms of the login: sessions end after SESSION_MAX_HOURS whatever the activity. */
    loginAt?: number;
    returnTo?: string;
    /** Epoch ms when the session's expiry was last written (src/app.ts: at most one write every few minutes). */
    seen?: number;
    /** Epoch ms of this user's last change (POST): their reads stay on the primary for a while (src/db/replicas.ts). */
    lastWriteAt?: number;
    flash?: { type: 'success' | 'danger' | 'warning' | 'info'; message: string }[];
  }
}

declare global {
  namespace Express {
    interface User {
      id: number;
      nip: string;
      nama: string;
      peran: string[];
      isAdmin: boolean;
      isPimpinan: boolean;
      jabatanId: number | null;
      jabatanNama: string | null;
      unitNama: string | null;
      unitId: number | null;
      atasanId: number | null;
      jumlahBawahan: number;
      mustChangePassword: boolean;
      sessionVersion: number;
    }
    interface Request {
      id: string;
      /** When this request happened, by the app's one clock (src/lib/clock.ts). */
      now: Date;
      /** Set by the upload middleware when a file was refused (too large, wrong type). */
      uploadError?: string;
      /** The Verifikasi menu's badge when read with the session (src/app.ts); else middleware/menu-badge.ts reads it. */
      /** The menu's badges, read with the session; null: that read could not count them (a lock), the page shows none. */
      menuVerifikasi?: { ada: boolean; menunggu: number; target: number } | null;
      /** The CSRF token of this request's forms (src/middleware/csrf.ts). */
      csrfToken(): string;
      flash(type: 'success' | 'danger' | 'warning' | 'info', message: string): void;
    }
  }
}
