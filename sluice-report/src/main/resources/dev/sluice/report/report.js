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
  var activeTag = null;
  function applyTag() {
    document.querySelectorAll('.dag .vertex.node').forEach(function (node) {
      var tags = (node.getAttribute('data-tags') || '').split(' ');
      node.classList.toggle('dim', activeTag !== null && tags.indexOf(activeTag) < 0);
    });
  }
  chips.forEach(function (chip) {
    chip.addEventListener('click', function () {
      var tag = chip.getAttribute('data-tag-filter');
      activeTag = activeTag === tag ? null : tag;
      chips.forEach(function (c) { c.classList.toggle('active', c.getAttribute('data-tag-filter') === activeTag); });
      applyTag();
    });
  });
  // The pipeline drawing: each .dag-view shows one state (which namespaces are open) and keeps the
  // drawings of the others in <template>s, laid out in advance; a click on a namespace swaps them.
  document.querySelectorAll('.dag-view').forEach(function (view) {
    var stage = view.querySelector('.dag-stage');
    var details = view.querySelector('.details-body');
    var hint = view.querySelector('.details .hint');
    var drawings = {};
    view.querySelectorAll('template.dag-state').forEach(function (t) {
      drawings[t.getAttribute('data-state')] = t;
    });
    var initial = view.getAttribute('data-state');
    var live = document.createElement('template');
    live.innerHTML = stage.innerHTML;
    drawings[initial] = live;
    var groups = (view.getAttribute('data-groups') || '').split('|').filter(Boolean);
    function parse(key) { return key.split('|').filter(Boolean); }
    // Only open namespaces whose parents are all open count: the others cannot be seen.
    function keyOf(open) {
      return open.filter(function (ns) {
        var parts = ns.split('.');
        for (var i = 1; i < parts.length; i++) {
          if (open.indexOf(parts.slice(0, i).join('.')) < 0) { return false; }
        }
        return true;
      }).sort().join('|');
    }
    function withParents(open, ns) {
      var parts = ns.split('.');
      for (var i = 1; i <= parts.length; i++) {
        var p = parts.slice(0, i).join('.');
        if (open.indexOf(p) < 0) { open.push(p); }
      }
      return open;
    }
    var open = parse(initial);
    var selected = null;
    function show(next) {
      var key = keyOf(next);
      if (!drawings[key]) { return false; }
      open = next;
      stage.replaceChildren(drawings[key].content.cloneNode(true));
      view.setAttribute('data-state', key);
      applyTag();
      markSelected();
      return true;
    }
    function toggle(ns) {
      var next = open.indexOf(ns) >= 0 ? open.filter(function (g) { return g !== ns; }) : withParents(open.slice(), ns);
      if (show(next)) { return; }
      // Too many namespaces to draw every combination: toggle this one from the default state.
      var fallback = parse(initial);
      fallback = fallback.indexOf(ns) >= 0 ? fallback.filter(function (g) { return g !== ns; }) : withParents(fallback, ns);
      if (!show(fallback) && hint) {
        hint.hidden = false;
        hint.textContent = 'This pipeline has too many namespaces to draw every combination in advance; '
          + 'press Default, then open the namespace you want.';
      }
    }
    // An open namespace is two elements, its frame and its header: both show the selection.
    function markSelected() {
      if (selected) {
        stage.querySelectorAll(selected).forEach(function (el) { el.classList.add('selected'); });
      }
    }
    function describe(el) {
      stage.querySelectorAll('.selected').forEach(function (s) { s.classList.remove('selected'); });
      var lines = (el.getAttribute('data-tip') || '').split('\n');
      details.replaceChildren();
      var name = document.createElement('div');
      name.className = 'full-name';
      name.textContent = lines[0];
      details.appendChild(name);
      // "inputs: a, b" lines become a list, one name a line, so that long names read whole.
      var list = document.createElement('dl');
      lines.slice(1).forEach(function (line) {
        var m = /^([a-z][a-z ]*): (.*)$/.exec(line);
        var dt = document.createElement('dt');
        var dd = document.createElement('dd');
        if (m) {
          dt.textContent = m[1];
          m[2].split(', ').forEach(function (item) {
            var div = document.createElement('div');
            div.textContent = item;
            dd.appendChild(div);
          });
          list.appendChild(dt);
        } else {
          dd.textContent = line.trim();
        }
        list.appendChild(dd);
      });
      details.appendChild(list);
      if (hint) { hint.hidden = true; }
      var attr = ['data-node', 'data-dataset', 'data-group'].filter(function (a) { return el.hasAttribute(a); })[0];
      selected = attr ? '[' + attr + '="' + CSS.escape(el.getAttribute(attr)) + '"]' : null;
      markSelected();
    }
    function activate(target) {
      var head = target.closest('.group-head');
      var item = target.closest('.vertex, .group');
      if (!item || !stage.contains(item)) { return; }
      describe(item);
      if (head || item.classList.contains('closed')) { toggle(item.getAttribute('data-group')); }
    }
    stage.addEventListener('click', function (e) { activate(e.target); });
    stage.addEventListener('keydown', function (e) {
      if ((e.key === 'Enter' || e.key === ' ') && e.target.closest('[role="button"]')) {
        e.preventDefault();
        activate(e.target);
      }
    });
    view.querySelectorAll('[data-dag-action]').forEach(function (button) {
      button.addEventListener('click', function () {
        var action = button.getAttribute('data-dag-action');
        show(action === 'expand' ? groups.slice() : action === 'collapse' ? [] : parse(initial));
      });
    });
  });
  document.documentElement.setAttribute('data-rendered', 'true');
})();
