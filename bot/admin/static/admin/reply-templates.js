// Choosing a saved reply fills the message box (still editable); a text typed by hand is never replaced.
(function () {
  document.querySelectorAll("select.reply-template").forEach(function (select) {
    var box = document.getElementById(select.dataset.target);
    if (!box) return;
    var filled = "";
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      if (box.value.trim() && box.value !== filled) return;
      filled = option && option.dataset.body ? option.dataset.body : "";
      box.value = filled;
    });
  });
})();
