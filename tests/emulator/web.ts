/**
 * The web side (§4.7, web_update.py): the nginx configuration the box would write, the web update that reports
 * whether it changed, and the per-domain info of /web/domains. The config goes to <root>/etc/nginx/conf.d/local.conf.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { webDomains } from './domains';
import { certificateFor, webCertStatus } from './tls-check';
import type { EmuBox } from './types';

/** get_web_root: the served directory (`www/<domain>` if it exists on the box, else `www/default`). */
export function webRoot(box: EmuBox, domain: string, testExists = true): string {
  const custom = join(box.state.storageRoot, 'www', domain);
  if (!testExists || existsSync(join(box.storageDir, 'www', domain))) return custom;
  return join(box.state.storageRoot, 'www', 'default');
}

/** www. names that only redirect to their parent (web domains minus those without www redirects). */
function wwwRedirects(box: EmuBox): Set<string> {
  const without = new Set(webDomains(box.state, { includeWwwRedirects: false }));
  return new Set(webDomains(box.state).filter((d) => !without.has(d)));
}

function nginxConfig(box: EmuBox): string {
  const redirects = wwwRedirects(box);
  const ssl = join(box.state.storageRoot, 'ssl');
  return webDomains(box.state)
    .map((domain) => {
      const cert = certificateFor(box, domain, false);
      const certPath =
        domain === box.state.hostname ? 'ssl_certificate.pem' : (cert?.fileName ?? 'ssl_certificate.pem');
      const lines = [
        'server {',
        '\tlisten 443 ssl http2;',
        `\tserver_name ${domain};`,
        `\tssl_certificate ${join(ssl, certPath)};`,
        `\tssl_certificate_key ${join(ssl, 'ssl_private_key.pem')};`,
      ];
      if (redirects.has(domain)) lines.push(`\treturn 301 https://${domain.slice(4)}$request_uri;`);
      else if (!box.state.webCustomRoots.includes(domain)) lines.push(`\troot ${webRoot(box, domain)};`);
      return lines.join('\n') + '\n}\n';
    })
    .join('\n');
}

/** do_web_update: 'web updated\n' when the generated nginx config changed, else ''. */
export function webUpdate(box: EmuBox): string {
  const text = nginxConfig(box);
  if (text === box.state.generated.nginx) return '';
  box.state.generated.nginx = text;
  const dir = join(box.root, 'etc', 'nginx', 'conf.d');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'local.conf'), text);
  return 'web updated\n';
}

export interface WebDomainInfo {
  custom_root: string;
  domain: string;
  root: string;
  ssl_certificate: [string, string];
  static_enabled: boolean;
}

/** get_web_domains_info (§4.7.1). */
export function webDomainsInfo(box: EmuBox): WebDomainInfo[] {
  const redirects = wwwRedirects(box);
  return webDomains(box.state).map((domain) => ({
    custom_root: webRoot(box, domain, false),
    domain,
    root: webRoot(box, domain),
    ssl_certificate: webCertStatus(box, domain),
    static_enabled: !redirects.has(domain) && !box.state.webCustomRoots.includes(domain),
  }));
}
