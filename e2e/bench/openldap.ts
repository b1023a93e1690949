// OpenLDAP's command-line clients as the independent reference: lab tests check our writes with
// them, and the benchmark times the same operations done by them. The DC's certificate names
// dc01.corp.example.test while we connect by address, so the name check is relaxed
// (LDAPTLS_REQCERT=allow) but the CA is still given.
import { spawn, spawnSync } from 'node:child_process';
import type { LabInfo } from '../lab/labInfo.ts';

export type LabAccountName = 'admin' | 'helpdesk';

function env(lab: LabInfo): NodeJS.ProcessEnv {
  return { ...process.env, LDAPTLS_CACERT: lab.dc.caCertPath, LDAPTLS_REQCERT: 'allow' };
}

function common(lab: LabInfo, bind: LabAccountName, url?: string): string[] {
  const account = bind === 'admin' ? lab.admin : lab.helpdesk;
  return ['-H', url ?? `ldaps://${lab.dc.address}:${lab.dc.ldapsPort}`, '-x', '-D', account.upn, '-w', account.password];
}

export function searchArgs(lab: LabInfo, bind: LabAccountName, base: string, filter: string, attrs: string[], options: { scope?: string; url?: string; extra?: string[] } = {}): string[] {
  return ['-LLL', '-o', 'ldif-wrap=no', ...common(lab, bind, options.url), ...(options.extra ?? []), '-s', options.scope ?? 'sub', '-b', base, filter, ...attrs];
}

export function parseLdif(text: string): { dn: string; attrs: Record<string, string[]> }[] {
  return text
    .split(/\n\n+/)
    .filter((block) => /^dn:/m.test(block))
    .map((block) => {
      const attrs: Record<string, string[]> = {};
      let dn = '';
      for (const line of block.split('\n')) {
        const m = /^([^:#]+):(:?) ?(.*)$/.exec(line);
        if (!m) continue;
        const value = m[2] === ':' ? Buffer.from(m[3] ?? '', 'base64').toString('utf8') : (m[3] ?? '');
        if (m[1] === 'dn') dn = value;
        else (attrs[m[1]!.toLowerCase()] ??= []).push(value);
      }
      return { dn, attrs };
    });
}

/** ldapsearch; attribute names lower-cased. */
export function ldapsearch(lab: LabInfo, bind: LabAccountName, base: string, filter: string, attrs: string[], options: { scope?: string; url?: string; extra?: string[] } = {}) {
  const r = spawnSync('ldapsearch', searchArgs(lab, bind, base, filter, attrs, options), { encoding: 'utf8', timeout: 30_000, env: env(lab) });
  if (r.status !== 0) throw new Error(`ldapsearch failed (${r.status}): ${r.stderr}`);
  return parseLdif(r.stdout);
}

/** One attribute's values as an independent client sees them (all of them: Samba does not force ranging). */
export function valuesOf(lab: LabInfo, dn: string, attribute: string): string[] {
  const [entry] = ldapsearch(lab, 'admin', dn, '(objectClass=*)', [attribute], { scope: 'base' });
  return entry?.attrs[attribute.toLowerCase()] ?? [];
}

export function ldapmodify(lab: LabInfo, bind: LabAccountName, ldif: string): { status: number | null; stderr: string } {
  const r = spawnSync('ldapmodify', common(lab, bind), { input: ldif, encoding: 'utf8', timeout: 30_000, env: env(lab) });
  return { status: r.status, stderr: r.stderr };
}

/** The same, without blocking the event loop (for timing and for racing our own client). */
export function ldapmodifyAsync(lab: LabInfo, bind: LabAccountName, ldif: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('ldapmodify', common(lab, bind), { env: env(lab), stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(code) : reject(new Error(`ldapmodify exited ${code}: ${stderr}`))));
    child.stdin.end(ldif);
  });
}

export function ldapsearchAsync(lab: LabInfo, bind: LabAccountName, base: string, filter: string, attrs: string[], options: { scope?: string; url?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('ldapsearch', searchArgs(lab, bind, base, filter, attrs, options), { env: env(lab), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`ldapsearch exited ${code}: ${err}`))));
  });
}

/** LDIF for a value-level change of one attribute. */
export function modifyLdif(dn: string, ops: { op: 'add' | 'delete' | 'replace'; attribute: string; values: string[] }[]): string {
  const lines = [`dn: ${dn}`, 'changetype: modify'];
  for (const { op, attribute, values } of ops) {
    lines.push(`${op}: ${attribute}`);
    for (const v of values) lines.push(/^[\x20-\x7e]*$/.test(v) && !v.startsWith(' ') && !v.startsWith(':') ? `${attribute}: ${v}` : `${attribute}:: ${Buffer.from(v).toString('base64')}`);
    lines.push('-');
  }
  return `${lines.join('\n')}\n\n`;
}
