// The short name of an STS caller ARN, for the header: a user's name, an assumed role's role/session, or
// "root". The full ARN stays in the tooltip. Pure; used by BackendBadge.tsx.

export function principalName(arn: string): string {
  // arn:partition:service:region:account:resource — the resource may itself contain ':' (never in practice).
  const resource = arn.split(':').slice(5).join(':');
  if (!resource) return arn;
  if (resource.startsWith('assumed-role/')) return resource.slice('assumed-role/'.length);
  if (resource === 'root') return 'root';
  // user/path/name, role/path/name, federated-user/name: the last segment names it.
  return resource.slice(resource.lastIndexOf('/') + 1) || resource;
}
