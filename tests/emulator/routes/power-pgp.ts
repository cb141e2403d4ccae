/**
 * Power's PGP keyring and WKD routes (§6.4.3–§6.4.9).
 */
import { PyValueError } from '../auth';
import { emailDomain } from '../email-syntax';
import { aliasRows } from '../kick';
import { compactJson, htmlError, json, text } from '../respond';
import { ensureDaemonKey, findKey, keyObject, openpgp } from '../pgp';
import type { KeyObject } from '../pgp';
import type { EmuBox, EmuRequest, EmuResponse, RouteDef } from '../types';

const POWER = ['power'] as const;

/**
 * mailconfig.get_all_mail_addresses: users, every alias of get_mail_aliases (the automatic ones of the auto_aliases
 * table included) and noreply addresses. Its catch-all filter compares a method with "" and so keeps catch-alls.
 */
function allAddresses(box: EmuBox): string[] {
  const s = box.state;
  return [...new Set([...s.users.map((u) => u.email), ...aliasRows(s).map((a) => a.source), ...s.noreply])];
}

async function keyring(box: EmuBox): Promise<{ daemon: KeyObject; imported: KeyObject[] }> {
  const daemon = await ensureDaemonKey(box);
  const now = box.now();
  return {
    daemon: await keyObject(daemon.armored, now),
    imported: await Promise.all(box.state.pgp.imported.map((k) => keyObject(k.armored, now))),
  };
}

async function getKey(req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  await ensureDaemonKey(box);
  const key = findKey(box, req.params['fpr'] as string);
  return key ? compactJson(await keyObject(key.armored, box.now())) : htmlError(404);
}

async function deleteKey(req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  const daemon = await ensureDaemonKey(box);
  const fpr = (req.params['fpr'] as string).toUpperCase();
  if (fpr === daemon.fingerprint) return text("You cannot delete the daemon's key!", 400);
  if (!findKey(box, fpr)) return htmlError(404);
  box.state.pgp.imported = box.state.pgp.imported.filter((k) => k.fingerprint !== fpr);
  const dropped = Object.keys(box.state.pgp.wkd).filter((e) => box.state.pgp.wkd[e] === fpr);
  box.state.pgp.wkd = Object.fromEntries(Object.entries(box.state.pgp.wkd).filter(([, f]) => f !== fpr));
  return json(dropped);
}

async function exportKey(req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  await ensureDaemonKey(box);
  const key = findKey(box, req.params['fpr'] as string);
  return key ? text(key.armored) : htmlError(404);
}

async function importKey(req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  const armored = req.form.get('key');
  if (armored === null) throw new Error("'NoneType' object has no attribute 'encode'");
  let keys;
  try {
    keys = await (await openpgp()).readKeys({ armoredKeys: armored });
  } catch {
    return text('Import is not a valid PGP key block!', 400);
  }
  if (keys.some((k) => k.isPrivate())) return text('Import cannot contain private keys!', 400);
  await ensureDaemonKey(box);
  let added = 0;
  let unchanged = 0;
  for (const key of keys) {
    const fingerprint = key.getFingerprint().toUpperCase();
    if (findKey(box, fingerprint)) {
      unchanged++;
      continue;
    }
    box.state.pgp.imported.push({ fingerprint, armored: key.armor() });
    added++;
  }
  return compactJson({
    keys_added: added,
    keys_read: keys.length,
    keys_unchanged: unchanged,
    revs_added: 0,
    sigs_added: 0,
    uids_added: 0,
  });
}

async function getWkd(_req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  const ring = await keyring(box);
  const all = [ring.daemon, ...ring.imported];
  const keys: Record<string, KeyObject> = {};
  for (const k of all) keys[k.master_fpr] = k;
  const wkd: Record<string, Record<string, { options: string[]; selected: string | null }>> = {};
  for (const email of allAddresses(box)) {
    const domain = emailDomain(email, true);
    wkd[domain] ??= {};
    wkd[domain][email] = {
      options: all.filter((k) => k.ids_emails.includes(email)).map((k) => k.master_fpr),
      selected: box.state.pgp.wkd[email] ?? null,
    };
  }
  return compactJson({ keys, wkd });
}

async function setWkd(req: EmuRequest, box: EmuBox): Promise<EmuResponse> {
  await ensureDaemonKey(box);
  const addresses = new Set(allAddresses(box));
  const config: Record<string, string> = {};
  for (const [email, fpr] of req.form) {
    if (fpr === '') continue;
    if (!addresses.has(email)) throw new PyValueError(`User or alias ${email} not found!`);
    const key = findKey(box, fpr);
    if (!key) throw new PyValueError(`The key "${fpr}" does not exist!`);
    if (!(await keyObject(key.armored, box.now())).ids_emails.includes(email)) {
      throw new Error(`The key "${fpr}" has no such UID with the email "${email}"!`);
    }
    config[email] = key.fingerprint;
  }
  box.state.pgp.wkd = config;
  return text('OK');
}

export const powerPgpRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/system/pgp/',
    auth: 'admin',
    flavours: POWER,
    handler: async (_r, box) => compactJson(await keyring(box)),
  },
  { method: 'GET', path: '/system/pgp/wkd', auth: 'admin', flavours: POWER, handler: getWkd },
  { method: 'POST', path: '/system/pgp/wkd', auth: 'admin', flavours: POWER, handler: setWkd },
  { method: 'POST', path: '/system/pgp/import', auth: 'admin', flavours: POWER, handler: importKey },
  { method: 'GET', path: '/system/pgp/<fpr>', auth: 'admin', flavours: POWER, handler: getKey },
  { method: 'DELETE', path: '/system/pgp/<fpr>', auth: 'admin', flavours: POWER, handler: deleteKey },
  { method: 'GET', path: '/system/pgp/<fpr>/export', auth: 'admin', flavours: POWER, handler: exportKey },
];
