/**
 * Ignore patterns of an ASC MHL history (spec Appendix C, gitignore syntax), the subset MHL
 * tools write: `name`, `*.ext`, `dir/` (folders only), `/anchored/path`, `**`. Negation (`!`)
 * is not supported; such a pattern matches nothing.
 */
export const MHL_DEFAULT_IGNORE: readonly string[] = ['.DS_Store', 'ascmhl', 'ascmhl/'];

interface Rule {
  readonly re: RegExp;
  readonly folderOnly: boolean;
  /** Anchored rules match the whole path from the history root; the others match the last name. */
  readonly anchored: boolean;
}

function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export type IgnoreMatcher = (relPath: string, isFolder: boolean) => boolean;

/** A matcher over paths relative to the history root. */
export function ignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  const rules: Rule[] = patterns
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('#') && !p.startsWith('!'))
    .map((p) => {
      const folderOnly = p.endsWith('/');
      const body = p.replace(/\/+$/, '');
      const anchored = body.includes('/');
      return { re: globRegExp(body.replace(/^\//, '')), folderOnly, anchored };
    });
  return (relPath, isFolder) => {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    return rules.some((r) => (!r.folderOnly || isFolder) && r.re.test(r.anchored ? relPath : name));
  };
}
