#pragma once
// The top-level fields of a file in OpenCV's FileStorage formats (YAML, XML or JSON), as calibration
// tools write them: numbers, and matrices tagged opencv-matrix (rows, cols, dt, data). Our own reader,
// not cv::FileStorage: OpenCV 4.6's readers hang on some damaged YAML and crash on some damaged XML
// (found by tests/fuzz), and a calibration file is edited by hand. Anything else in the file (strings,
// sequences, other tags) is skipped, and refused only when asked for.
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace smp {

struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct StoredMatrix {
  int rows = 0, cols = 0;
  std::vector<double> data;  // row by row; NaN and infinities as written (YAML's .nan, .inf)
};

class OpenCvStorage {
 public:
  // Throws StorageError for text that is none of the three formats, naming the line where it stops.
  explicit OpenCvStorage(std::string_view text);

  bool has(const std::string& field) const { return fields_.count(field) != 0; }
  // Throw StorageError naming the field when it is not a number, or not a single-channel matrix of at
  // most `max_numbers` numbers whose data has rows x cols of them.
  double number(const std::string& field) const;
  StoredMatrix matrix(const std::string& field, int max_numbers) const;

  // A field as written: a scalar's text, or a matrix's parts (still text: converted when asked for).
  struct Field {
    std::string scalar;
    bool is_matrix = false;
    std::string rows, cols, dt;
    std::vector<std::string> data;
  };

 private:
  const Field& field(const std::string& name) const;
  std::map<std::string, Field> fields_;
};

}  // namespace smp
