package dev.rolecall.web;

/**
 * Functions the tests run in the page to see through shadow roots. In a selector, {@code >>} steps
 * into everything under the elements matched so far, shadow roots included: {@code rc-login >> #login}.
 */
final class Deep {
  static final String SCRIPT = """
      const under = (root, css) => {
        const found = [...root.querySelectorAll(css)];
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...under(el.shadowRoot, css));
        return found;
      };
      const deepAll = (selector) => {
        let roots = [document];
        for (const css of selector.split('>>').map((part) => part.trim())) {
          const next = [];
          for (const root of roots) {
            for (const el of under(root, css)) if (!next.includes(el)) next.push(el);
            if (root !== document && root.shadowRoot) {
              for (const el of under(root.shadowRoot, css)) if (!next.includes(el)) next.push(el);
            }
          }
          roots = next;
        }
        return roots.filter((el) => el !== document);
      };
      const deepText = (node) => {
        let text = '';
        const walk = (n) => {
          for (const child of (n.shadowRoot || n).childNodes) {
            if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
            else if (child.nodeType === Node.ELEMENT_NODE && !['STYLE', 'SCRIPT', 'TEMPLATE', 'NOSCRIPT'].includes(child.tagName)) {
              if (child.tagName === 'SLOT') continue;
              const hidden = child.hidden || getComputedStyle(child).display === 'none';
              if (!hidden) { text += ' '; walk(child); text += ' '; }
            }
          }
        };
        walk(node);
        return text.replace(/\\s+/g, ' ').trim();
      };
      const deepFocus = () => {
        let el = document.activeElement;
        while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
        return el;
      };
      """;

  private Deep() {
  }
}
