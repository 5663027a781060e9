// libxlsxwriter adapter.
#include "report/internal/xlsx_export.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>

#include "core/atomic_file.h"
#include "core/spreadsheet_cell.h"

namespace qf::report::internal {
namespace {

// True for text that reads as a plain number ("12", "123.46"), written as a number cell so
// that a spreadsheet can sum it.
bool IsNumber(const std::string& text) {
  if (text.empty() || text.size() > 15) return false;
  bool dot = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '-' && i == 0 && text.size() > 1) continue;
    if (c == '.' && !dot && i > 0) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
  }
  return text.back() != '.';
}

// Display width: a CJK character is about two Latin ones.
double Width(const std::string& text) {
  double w = 0;
  for (unsigned char c : text) {
    if (c < 0x80)
      w += 1;
    else if ((c & 0xC0) != 0x80)
      w += 2;
  }
  return w;
}

}  // namespace

Result<void> WriteXlsx(const std::vector<Table>& tables, const std::string& path) {
  // Written beside the destination and renamed onto it: a reader never opens half a workbook.
  AtomicFile out(path);
  lxw_workbook* workbook = workbook_new(out.temp_path().c_str());
  if (workbook == nullptr) {
    return Fail(ErrorCode::kIo, fmt::format("无法创建 XLSX 文件 {}", path));
  }
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDE4EE);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  lxw_format* cell = workbook_add_format(workbook);
  format_set_border(cell, LXW_BORDER_THIN);
  lxw_format* title = workbook_add_format(workbook);
  format_set_bold(title);
  format_set_font_size(title, 14);

  for (const Table& table : tables) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet.c_str());
    if (sheet == nullptr) {
      workbook_close(workbook);
      return Fail(ErrorCode::kIo, fmt::format("XLSX 工作表名无效：{}", table.sheet));
    }
    worksheet_write_string(sheet, 0, 0, NeutraliseCell(table.title).c_str(), title);
    std::vector<double> widths(table.columns.size(), 6);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      worksheet_write_string(sheet, 1, static_cast<lxw_col_t>(c),
                             NeutraliseCell(table.columns[c]).c_str(), header);
      widths[c] = std::max(widths[c], Width(table.columns[c]));
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      auto row = static_cast<lxw_row_t>(r + 2);
      for (std::size_t c = 0; c < table.rows[r].size() && c < table.columns.size(); ++c) {
        const std::string& text = table.rows[r][c];
        auto col = static_cast<lxw_col_t>(c);
        if (IsNumber(text)) {
          worksheet_write_number(sheet, row, col, std::strtod(text.c_str(), nullptr), cell);
        } else {
          // Text from the case book (names, titles) is never a formula.
          worksheet_write_string(sheet, row, col, NeutraliseCell(text).c_str(), cell);
        }
        widths[c] = std::max(widths[c], Width(text));
      }
    }
    for (std::size_t c = 0; c < widths.size(); ++c) {
      worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           std::min(widths[c] + 2, 60.0), nullptr);
    }
    worksheet_freeze_panes(sheet, 2, 0);
  }
  lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return Fail(ErrorCode::kIo,
                fmt::format("写入 XLSX 文件 {} 失败：{}", path, lxw_strerror(error)));
  }
  return out.Commit();
}

}  // namespace qf::report::internal
