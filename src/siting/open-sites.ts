// Which sites a year's plan opens, checked against their status: shared by the hub and regional-centre checks.

/**
 * The sites open in a year (index -> size), with a violation for a site open at two sizes, a
 * forced-closed site open, and a forced-open or existing site closed. Hubs and regional centres.
 */
export function checkOpenSites(
  kind: string,
  sites: ReadonlyArray<{ id: string; status?: string }>,
  opened: ReadonlyArray<readonly [number, number]>,
  yr: string,
  v: string[],
): Map<number, number> {
  const open = new Map<number, number>();
  for (const [i, size] of opened) {
    const site = sites[i];
    if (open.has(i)) v.push(`${yr}: ${kind} ${site.id} open at two sizes`);
    open.set(i, size);
    if (site.status === "forced-closed") v.push(`${yr}: ${kind} ${site.id} is forced closed but open`);
  }
  sites.forEach((site, i) => {
    if ((site.status === "forced-open" || site.status === "existing") && !open.has(i)) v.push(`${yr}: ${kind} ${site.id} must be open`);
  });
  return open;
}
