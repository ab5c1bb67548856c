import { DEFAULT_TAG_COLORS, TagDef } from '../model/sandbox-entities';

/** A tag as tasks and time entries carry it: `{name, tag_fg, tag_bg, creator}`. */
export function tagObject(name: string, def: TagDef | undefined, fallbackCreator: number) {
  return {
    name,
    tag_fg: def?.tagFg ?? DEFAULT_TAG_COLORS.tagFg,
    tag_bg: def?.tagBg ?? DEFAULT_TAG_COLORS.tagBg,
    creator: def?.creator ?? fallbackCreator,
  };
}
