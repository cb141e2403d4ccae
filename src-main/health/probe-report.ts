import { fail, ok, type Result } from '../../src-shared/contract/result';
import { PROBED_SERVICES, probeReportSchema, type ProbeReport } from '../../src-shared/domain/fleet-health';

/**
 * The probe's output, checked. The text comes from the box, so it is untrusted: the last line that parses as a JSON
 * object is taken (a login banner or shell noise before it is ignored), unknown keys are dropped, types are strict,
 * and a service the probe did not report counts as "unknown".
 */
export function parseProbeOutput(stdout: string): Result<ProbeReport> {
  const lines = stdout.split('\n').filter((line) => line.trim().startsWith('{'));
  const last = lines[lines.length - 1];
  if (last === undefined) {
    return fail('box-api-error', 'The health probe printed no report.', { retryable: false });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    return fail('box-api-error', 'The health probe printed something that is not JSON.', { retryable: false });
  }
  if (typeof parsed === 'object' && parsed !== null && 'services' in parsed) {
    const services: unknown = parsed.services;
    if (typeof services === 'object' && services !== null) {
      const complete: Record<string, unknown> = {};
      for (const name of PROBED_SERVICES) {
        complete[name] = (services as Record<string, unknown>)[name] ?? 'unknown';
      }
      parsed = { ...parsed, services: complete };
    }
  }
  const checked = probeReportSchema.safeParse(parsed);
  if (!checked.success) {
    const issues = checked.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return fail('box-api-error', `The health probe's report does not have the expected shape (${issues}).`, {
      retryable: false,
    });
  }
  const report = checked.data;
  // The probe prints whole seconds (`…:05Z`); everywhere else times carry milliseconds, so compare equal as strings.
  if (report.newestBackupAt !== null) report.newestBackupAt = new Date(report.newestBackupAt).toISOString();
  return ok(report);
}
