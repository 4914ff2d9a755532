// Shrinks the after-photos chosen on the case page before the form is sent: a phone's photos are
// several MB each and the service takes at most 1 MB per request (bot/web/webhook.py MAX_BODY_BYTES).
// Re-drawing on a canvas also drops the EXIF/GPS data (the server strips it again in any case).
(function () {
  "use strict";
  var SIDE = 1280, QUALITY = 0.72;
  function shrink(file) {
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", {type: "image/jpeg"}) : file);
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () { return file; });  // not decodable here: the server answers with its reason
  }
  document.querySelectorAll('input[type=file][name=photos]').forEach(function (input) {
    input.addEventListener("change", function () {
      if (!window.DataTransfer || !window.createImageBitmap || !input.files.length) { return; }
      Promise.all(Array.prototype.map.call(input.files, shrink)).then(function (files) {
        var list = new DataTransfer();
        files.forEach(function (f) { list.items.add(f); });
        input.files = list.files;
      });
    });
  });
})();
