import { Injectable } from '@nestjs/common';
import { closest } from '../common/names/name-matcher';
import { DomainError } from '../common/errors/domain-error';
import { MemberRowView } from './hierarchy-query.repository';
import { HierarchyService } from './hierarchy.service';

export interface MemberRef {
  id: number;
  name: string | null;
  email: string | null;
}

export interface ResolvedMember extends MemberRef {
  input: string;
}

export interface UnresolvedMember {
  input: string;
  /** ambiguous: several members match (pick one by id); not_found: nobody matches (closest names listed). */
  reason: 'ambiguous' | 'not_found';
  message: string;
  candidates: MemberRef[];
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const MAX_CANDIDATES = 8;

/**
 * Many names/emails/ids → member ids in one call, with partial success: each input resolves
 * exactly as every person argument does (HierarchyService.member), and the ones that do not
 * come back with structured candidates instead of failing the whole batch.
 */
@Injectable()
export class MemberResolverService {
  constructor(private readonly hierarchy: HierarchyService) {}

  async resolveMany(workspaceId: string, inputs: string[]): Promise<{ resolved: ResolvedMember[]; unresolved: UnresolvedMember[] }> {
    const resolved: ResolvedMember[] = [];
    const unresolved: UnresolvedMember[] = [];
    let members: MemberRowView[] | null = null;
    for (const input of inputs) {
      try {
        const m = await this.hierarchy.member(workspaceId, input);
        resolved.push({ input, ...ref(m) });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        members ??= await this.hierarchy.members(workspaceId);
        unresolved.push({ input, message: e.message, ...candidatesFor(input, members) });
      }
    }
    return { resolved, unresolved };
  }
}

/**
 * Why an input failed, reconstructed from the same matching stages: it only fails with two or
 * more members containing the text (ambiguous) or none at all (then the closest names help).
 */
function candidatesFor(input: string, members: MemberRowView[]): Pick<UnresolvedMember, 'reason' | 'candidates'> {
  const q = norm(input.replace(/^@/, ''));
  const texts = (m: MemberRowView) => [m.username, m.email].filter((x): x is string => !!x).map(norm);
  const containing = members.filter((m) => texts(m).some((t) => t.includes(q)));
  if (containing.length > 1) return { reason: 'ambiguous', candidates: containing.slice(0, MAX_CANDIDATES).map(ref) };
  const named = members.map((m) => ({ id: String(m.id), name: m.username ?? m.email ?? String(m.id), m }));
  return { reason: 'not_found', candidates: closest(q, named, MAX_CANDIDATES).map((x) => ref(x.m)) };
}

function ref(m: MemberRowView): MemberRef {
  return { id: m.id, name: m.username, email: m.email };
}
