// Anjab: every signed-in ASN reads it; only the admin kepegawaian (BKPSDM) changes it (DOMAIN.md, "Who uses it").
type User = { isAdmin: boolean } | null | undefined;

export const canReadAnjab = (user: User): boolean => !!user;
export const canEditAnjab = (user: User): boolean => !!user?.isAdmin;
/** A task that targets already use can only be retired: deleting it would orphan those targets' history. */
export const canDeleteTugas = (user: User, tugas: { jumlahTarget: number }): boolean => canEditAnjab(user) && tugas.jumlahTarget === 0;
