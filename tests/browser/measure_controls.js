// Every visible widget control under `root` (or the document), with what cuts it off.
// Run by tests/browser/layout.py with [root, slack]; widths in CSS pixels.
([root, slack]) => {
  const scope = root ? document.querySelector(root) : document;
  const view = document.documentElement.clientWidth;
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (text, style) => {
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return canvas.measureText(text).width;
  };
  const name = (el) => {
    const widget = el.closest('.jupyter-widgets');
    const label = widget && widget.querySelector(':scope > .widget-label');
    const text = (el.getAttribute('aria-label') || (label && label.textContent)
      || el.getAttribute('placeholder') || el.textContent || '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')} "${text}"`;
  };
  const selector = [
    '.jupyter-widgets input', '.jupyter-widgets select', '.jupyter-widgets button',
    '.jupyter-widgets textarea', '.jupyter-widgets .widget-readout',
    '.jupyter-widgets .widget-label', '.jupyter-widgets .noUi-target',
  ].join(', ');
  const controls = [];
  for (const el of scope.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || !el.checkVisibility()) continue;
    const output = el.closest('.jp-OutputArea-output') || document.body;
    const room = output.getBoundingClientRect();
    const problems = [];
    const right = Math.min(view, room.right), left = Math.max(0, room.left);
    const px = (value) => value.toFixed(0);
    if (box.right > right + slack) problems.push(`right edge ${px(box.right)} > ${px(right)}`);
    if (box.left < left - slack) problems.push(`left edge ${px(box.left)} < ${px(left)}`);
    const style = getComputedStyle(el);
    const inner = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (el.tagName === 'SELECT' && el.selectedIndex >= 0) {
      const text = el.options[el.selectedIndex].text;
      const wide = textWidth(text, style);
      if (wide > inner + slack) problems.push(`option "${text}" needs ${px(wide)} px of ${px(inner)}`);
    } else if (el.tagName === 'INPUT' && el.placeholder && !el.value) {
      const wide = textWidth(el.placeholder, style);
      if (wide > inner + slack) problems.push(`placeholder needs ${px(wide)} px of ${px(inner)}`);
    } else if (!['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) && !el.classList.contains('noUi-target')
               && el.scrollWidth > el.clientWidth + slack) {
      problems.push(`text needs ${el.scrollWidth} px of ${el.clientWidth}`);
    }
    controls.push({name: name(el), left: box.left, width: box.width, problems});
  }
  return controls;
}
