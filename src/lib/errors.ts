/** Errors a controller or service may throw; the error middleware renders them (views/errors). */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status = 500,
    /** the error page's title, when the status's own ("Data sudah ada" for 409) would mislead */
    readonly judul?: string,
  ) {
    super(message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'Anda tidak berhak melakukan tindakan ini.') {
    super(message, 403);
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Halaman atau data yang Anda cari tidak ditemukan.') {
    super(message, 404);
  }
}
