// The document types (文书种类): one mustache file per type in config/documents/, whose front
// matter names the type, its 文号 prefix, what it is issued on and in which states; the rest of
// the file is the shipped template (version 1 in the store, editable from there on).
//
//   ---
//   name: 立案决定书
//   prefix: 清监立
//   entity: case                       # clue | case
//   disposal: 初步核实                  # clue types only: the approved disposal it belongs to
//   states: filed, investigating       # the item's state codes in which it may be issued
//   ---
//   被调查人：{{#persons}}{{name}}{{/persons}} ...
//
// The file "3-filing.mustache" is type "filing"; the number before the dash orders the list.
//
//   auto catalog = LoadDocumentCatalog("");   // config/documents, else the source tree's
//   const DocumentType* t = catalog->Find("filing");
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace qf::documents {

struct DocumentType {
  std::string code;      // "filing"
  std::string name;      // "立案决定书"
  std::string prefix;    // "清监立"
  std::string entity;    // "clue" or "case"
  std::string disposal;  // "" = any
  std::vector<std::string> states;
  std::string shipped_body;  // the template text after the front matter
};

class DocumentCatalog {
 public:
  explicit DocumentCatalog(std::vector<DocumentType> types) : types_(std::move(types)) {}
  const std::vector<DocumentType>& types() const { return types_; }
  // nullptr for an unknown code.
  const DocumentType* Find(std::string_view code) const;

 private:
  std::vector<DocumentType> types_;
};

// One type from a file's text; kInvalidArgument naming the missing or wrong front-matter key.
Result<DocumentType> ParseDocumentType(std::string_view code, std::string_view text);
// Every *.mustache of `dir` ("" = ./config/documents, else the source tree's). Fails on a bad
// file, a duplicate prefix, or an empty folder: serve refuses to start without its documents.
Result<DocumentCatalog> LoadDocumentCatalog(std::string_view dir);

}  // namespace qf::documents
