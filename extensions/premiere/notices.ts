import type { NoticeInput } from '@picturelock/panel';
import type { PremierePresetsRead } from './presets.ts';

/** What the panel shows when presets.json had entries it could not use: one warning, every problem in it. */
export function presetsNotice(read: PremierePresetsRead): NoticeInput | undefined {
  if (read.problems.length === 0) return undefined;
  return {
    level: 'warning',
    title: 'presets.json',
    message: read.problems.join(' · '),
    action: `Fix presets.json beside the installed panel, then reopen the panel. ${read.presets.length} preset(s) are offered.`,
  };
}
