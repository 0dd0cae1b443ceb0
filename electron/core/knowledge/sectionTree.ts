// The parsed notes as a tree (phase → service/topic → subsection). A tree rather than a flat list
// because a repeated section must merge into its first occurrence, children included, and still
// render in document order under the right parent.

import { sectionId } from './ids';
import { mergeBody } from './mergeBody';
import { phaseHeading, phaseInfo } from './phases';
import { normForCompare } from './text';
import type { PhaseId, Section } from './types';

export interface SectionNode {
  heading: string;
  body: string;
  children: SectionNode[];
}

export interface PhaseTree {
  id: PhaseId;
  title: string;
  root: SectionNode;
}

export class SectionTree {
  private readonly phases = new Map<PhaseId, PhaseTree>();

  /** The phase's root node; the first title given for a phase wins. */
  phaseRoot(id: PhaseId, title?: string): SectionNode {
    let phase = this.phases.get(id);
    if (!phase) {
      const t = title ?? phaseInfo(id).defaultTitle;
      phase = { id, title: t, root: { heading: phaseHeading(id, t), body: '', children: [] } };
      this.phases.set(id, phase);
    }
    return phase.root;
  }

  /** Existing child with the same heading (case/markup-insensitive) or a new one appended. */
  child(parent: SectionNode, heading: string): SectionNode {
    const key = normForCompare(heading);
    const found = parent.children.find((c) => normForCompare(c.heading) === key);
    if (found) return found;
    const node: SectionNode = { heading, body: '', children: [] };
    parent.children.push(node);
    return node;
  }

  addBody(node: SectionNode, text: string): void {
    if (text.trim() === '') return;
    node.body = mergeBody(node.body, text);
  }

  /** Phases in learning-path order. */
  phaseList(): PhaseTree[] {
    return [...this.phases.values()].sort((a, b) => phaseInfo(a.id).order - phaseInfo(b.id).order);
  }

  /** Depth-first, document-order sections; the phase root first, with a full heading path. */
  toSections(source: 'notes' | 'self'): Section[] {
    const out: Section[] = [];
    const walk = (phaseId: PhaseId, node: SectionNode, parentPath: string[]): void => {
      const headingPath = [...parentPath, node.heading];
      out.push({ id: sectionId(phaseId, headingPath), phaseId, headingPath, body: node.body, source });
      for (const c of node.children) walk(phaseId, c, headingPath);
    };
    for (const phase of this.phaseList()) walk(phase.id, phase.root, []);
    return out;
  }
}
