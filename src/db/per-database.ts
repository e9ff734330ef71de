// What a process keeps in memory about its database (the settings, the ABK snapshot and its stamp, rendered PDFs, the
// dashboard's trend) belongs to that database. connectDb() forgets it all, so a process that connects anew (the test
// runner reuses a worker for the next file's own database) never serves what it read from the previous one.
const forgetters = new Set<() => void>();

/** Registers how a module forgets what it keeps of the database. */
export function keptPerDatabase(forget: () => void): void {
  forgetters.add(forget);
}

export function forgetDatabaseState(): void {
  for (const forget of forgetters) forget();
}
