// Vietnamese for the table editor's context menu: Handsontable (Wagtail's TableBlock) ships no
// Vietnamese dictionary and Wagtail passes it the admin language ("vi"). Loaded after Wagtail's
// form media, before the editor builds its tables.
(function () {
  "use strict";
  var languages = window.Handsontable && window.Handsontable.languages;
  if (!languages || languages.getLanguageDictionary("vi")) {
    return;
  }
  var items = "ContextMenu:items.";
  var dictionary = { languageCode: "vi" };
  var labels = {
    insertRowAbove: "Chèn hàng phía trên",
    insertRowBelow: "Chèn hàng phía dưới",
    insertColumnOnTheLeft: "Chèn cột bên trái",
    insertColumnOnTheRight: "Chèn cột bên phải",
    removeRow: ["Xóa hàng", "Xóa các hàng"],
    removeColumn: ["Xóa cột", "Xóa các cột"],
    undo: "Hoàn tác",
    redo: "Làm lại",
    readOnly: "Chỉ đọc",
    clearColumn: "Xóa nội dung cột",
    copy: "Sao chép",
    cut: "Cắt",
    mergeCells: "Gộp ô",
    unmergeCells: "Tách ô",
    align: "Căn lề",
  };
  Object.keys(labels).forEach(function (key) {
    dictionary[items + key] = labels[key];
  });
  languages.registerLanguageDictionary(dictionary);
})();
