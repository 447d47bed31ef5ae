(function () {
  'use strict';
  // Tooltips: any element with data-tip shows it next to the pointer.
  var tip = document.createElement('div');
  tip.className = 'tip';
  tip.setAttribute('role', 'tooltip');
  document.body.appendChild(tip);
  document.addEventListener('mousemove', function (e) {
    var el = e.target.closest ? e.target.closest('[data-tip]') : null;
    if (!el) { tip.style.display = 'none'; return; }
    tip.textContent = el.getAttribute('data-tip');
    tip.style.display = 'block';
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth - 8) { x = e.clientX - tip.offsetWidth - 14; }
    if (y + tip.offsetHeight > window.innerHeight - 8) { y = e.clientY - tip.offsetHeight - 14; }
    tip.style.left = Math.max(4, x) + 'px';
    tip.style.top = Math.max(4, y) + 'px';
  });
  // A node under the pointer is highlighted in every view: its box in the DAG, its lane in the timeline.
  function highlight(e, on) {
    var el = e.target.closest ? e.target.closest('[data-node]') : null;
    if (!el) { return; }
    var name = el.getAttribute('data-node');
    document.querySelectorAll('[data-node]').forEach(function (other) {
      if (other.getAttribute('data-node') === name) { other.classList.toggle('hl', on); }
    });
  }
  document.addEventListener('mouseover', function (e) { highlight(e, true); });
  document.addEventListener('mouseout', function (e) { highlight(e, false); });
  // Tag chips: a click keeps the nodes with that tag bright and dims the others; a second click clears.
  var chips = document.querySelectorAll('[data-tag-filter]');
  chips.forEach(function (chip) {
    chip.addEventListener('click', function () {
      var tag = chip.getAttribute('data-tag-filter');
      var on = !chip.classList.contains('active');
      chips.forEach(function (c) { c.classList.remove('active'); });
      chip.classList.toggle('active', on);
      document.querySelectorAll('.dag .vertex.node').forEach(function (node) {
        var tags = (node.getAttribute('data-tags') || '').split(' ');
        node.classList.toggle('dim', on && tags.indexOf(tag) < 0);
      });
    });
  });
  document.documentElement.setAttribute('data-rendered', 'true');
})();
