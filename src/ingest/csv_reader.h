// CsvReader: a streaming RFC 4180 reader (comma separated, double-quote quoting with "" escapes,
// newlines inside quotes, CRLF or LF, a UTF-8 byte-order mark) over UTF-8 or GB18030 files.
//
// The file is read in fixed-size chunks; only the current chunk and the current record are held.
// The encoding is detected once from the first chunk (text/encoding.h). Delimiters, quotes and
// line ends are ASCII bytes that never occur inside a GB18030 multi-byte character, so records
// are split on the raw bytes and each field is then converted to UTF-8 on its own; a field whose
// bytes do not decode is reported through Record::undecodable_field (mixed encodings).
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ingest/record_source.h"
#include "text/encoding.h"

namespace qf::ingest {

class CsvReader : public RecordSource {
 public:
  // Opens and detects the encoding. Fails for a missing file, an empty file, or a binary file.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                 const ReaderLimits& limits = {});
  ~CsvReader() override;

  Result<bool> Next(Record& record) override;
  int64_t bytes_read() const override { return consumed_; }
  int64_t bytes_total() const override { return total_; }
  std::string encoding() const override { return std::string(text::EncodingName(encoding_)); }

  // The SHA-256 of the whole file in lower-case hex; valid once Next() has returned false.
  std::string Sha256Hex() const { return sha256_hex_; }

 private:
  CsvReader(std::string path, std::FILE* file, int64_t total, ReaderLimits limits);
  // Reads more bytes into buf_; false at end of file.
  bool Fill();
  Result<bool> DecodeFields(Record& record);

  std::string path_;
  std::FILE* file_;
  int64_t total_;
  ReaderLimits limits_;
  text::Encoding encoding_ = text::Encoding::kUtf8;

  std::string buf_;       // raw bytes; [pos_, buf_.size()) not yet parsed
  size_t pos_ = 0;
  bool eof_ = false;
  int64_t consumed_ = 0;  // file offset of buf_[pos_]
  int64_t line_ = 1;      // physical line at pos_

  bool skip_lf_ = false;       // the last chunk ended in CR: a leading LF belongs to it
  std::vector<std::string> header_;  // the first record, to name columns in messages

  std::string raw_;             // the current record's field bytes, unescaped
  std::vector<size_t> ends_;    // end offset of each field in raw_
  std::string decoded_;         // UTF-8 output for a record that has non-ASCII bytes
  std::vector<size_t> offsets_;

  struct HashState;
  std::unique_ptr<HashState> hash_;
  std::string sha256_hex_;
};

}  // namespace qf::ingest
