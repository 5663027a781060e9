// Reads an XLSX (a zip) held in memory, entry by entry, with libzip: the report tests and the web
// test open the exported workbook with it and parse the XML parts with pugixml.
//
//   qf::test_support::XlsxArchive xlsx(bytes);
//   ASSERT_TRUE(xlsx.ok());
//   std::string workbook = xlsx.Entry("xl/workbook.xml");   // "" when there is no such entry
//   std::vector<std::string> sheets = xlsx.SheetNames();   // in workbook order
#pragma once

#include <zip.h>

#include <pugixml.hpp>
#include <string>
#include <vector>

namespace qf::test_support {

class XlsxArchive {
 public:
  // `bytes` must outlive the archive (libzip reads it in place).
  explicit XlsxArchive(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    archive_ = src != nullptr ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
    if (archive_ == nullptr && src != nullptr) zip_source_free(src);
    zip_error_fini(&error);
  }
  ~XlsxArchive() {
    if (archive_ != nullptr) zip_close(archive_);
  }
  XlsxArchive(const XlsxArchive&) = delete;
  XlsxArchive& operator=(const XlsxArchive&) = delete;

  bool ok() const { return archive_ != nullptr; }

  std::string Entry(const char* name) const {
    if (archive_ == nullptr) return "";
    zip_stat_t st;
    if (zip_stat(archive_, name, 0, &st) != 0) return "";
    zip_file_t* f = zip_fopen(archive_, name, 0);
    if (f == nullptr) return "";
    std::string data(st.size, '\0');
    zip_int64_t n = zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    data.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    return data;
  }

  std::vector<std::string> SheetNames() const {
    std::vector<std::string> names;
    pugi::xml_document workbook;
    if (!workbook.load_string(Entry("xl/workbook.xml").c_str())) return names;
    for (pugi::xml_node s : workbook.child("workbook").child("sheets").children("sheet")) {
      names.emplace_back(s.attribute("name").value());
    }
    return names;
  }

 private:
  zip_t* archive_ = nullptr;
};

}  // namespace qf::test_support
