import { createElement } from "react";
import type { IconNode } from "lucide";

/**
 * A lucide icon (`import { Anchor } from "lucide"`: its SVG elements as data) drawn as plain SVG,
 * always decorative (aria-hidden; the text beside it names the thing). Not lucide-react: its Icon
 * base is a client module, so even icons rendered on the server put it in every page's JavaScript.
 * This component has no hooks or state: in a server component it sends no JavaScript at all.
 */
export function Icon({ icon, className }: { icon: IconNode; className?: string }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={24}
      height={24}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {icon.map(([tag, attrs], i) => createElement(tag, { key: i, ...attrs }))}
    </svg>
  );
}
