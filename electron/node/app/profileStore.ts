// Saved connection profiles (the Training directory is always there and is not stored).
// Passwords are never written: the user types them at connect time.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { withoutPassword, type ConnectionProfile, type PublicConnectionProfile } from '../../../shared/model/connectionProfile.ts';

const MAX_PROFILES = 20;

export class ProfileStore {
  private profiles: PublicConnectionProfile[];

  /** `file` null keeps the list in memory (tests, the in-memory shell). */
  constructor(private readonly file: string | null) {
    this.profiles = file ? load(file) : [];
  }

  list(): PublicConnectionProfile[] {
    return this.profiles.map((p) => ({ ...p }));
  }

  /** Remembers a profile that connected, newest first; a profile of the same name is replaced. */
  remember(profile: ConnectionProfile): void {
    const saved = withoutPassword(profile);
    this.profiles = [saved, ...this.profiles.filter((p) => p.name !== saved.name)].slice(0, MAX_PROFILES);
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.profiles, null, 1));
    renameSync(temp, this.file);
  }
}

function load(file: string): PublicConnectionProfile[] {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(data) ? (data as PublicConnectionProfile[]).map((p) => withoutPassword({ ...p, password: '' })) : [];
  } catch {
    return [];
  }
}
