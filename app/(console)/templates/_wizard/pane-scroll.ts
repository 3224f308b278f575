/** Scrolls the YAML pane's <pre> so that `el` sits `margin` pixels below its top. */
export function scrollPane(pre: HTMLElement | null, el: HTMLElement | null | undefined, margin: number) {
  if (pre && el) pre.scrollTop += el.getBoundingClientRect().top - pre.getBoundingClientRect().top - margin;
}
