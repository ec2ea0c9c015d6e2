/**
 * A region that scrolls can be scrolled from the keyboard: while its content
 * overflows it takes the focus (tabindex 0, arrow keys then scroll it, WCAG
 * 2.1.1); when everything fits it is no Tab stop at all.
 */
export function scrollable(node: HTMLElement, label?: string): { update(l?: string): void; destroy(): void } {
  let name = label;
  const check = (): void => {
    const overflows = node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
    if (overflows && !node.hasAttribute('tabindex')) {
      node.setAttribute('tabindex', '0');
      if (name && !node.hasAttribute('role')) node.setAttribute('role', 'group');
      if (name) node.setAttribute('aria-label', name);
    } else if (!overflows && node.getAttribute('tabindex') === '0' && document.activeElement !== node) {
      node.removeAttribute('tabindex');
      if (node.getAttribute('role') === 'group') node.removeAttribute('role');
      node.removeAttribute('aria-label');
    }
  };
  const resize = new ResizeObserver(check);
  const watch = (): void => {
    resize.disconnect();
    resize.observe(node);
    for (const c of node.children) resize.observe(c);
  };
  // Children come and go (formulas typeset, a lesson's text): each change is looked at once.
  const mutations = new MutationObserver(() => {
    watch();
    check();
  });
  mutations.observe(node, { childList: true });
  watch();
  check();
  return {
    update(l?: string) {
      name = l;
      if (node.hasAttribute('tabindex') && name && node.getAttribute('role') === 'group')
        node.setAttribute('aria-label', name);
    },
    destroy() {
      resize.disconnect();
      mutations.disconnect();
    },
  };
}
