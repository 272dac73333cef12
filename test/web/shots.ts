// Screenshots of the views for docs/screenshots/, taken during the browser tests when
// URBANMINE_SCREENSHOTS names a folder; otherwise a no-op.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

export async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.URBANMINE_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
