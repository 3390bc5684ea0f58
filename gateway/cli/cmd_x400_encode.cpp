// `mixer x400 encode JSON-FILE [-o OUT]`: the inverse of `mixer x400 dump`.
// Reads a JSON document whose single top-level member names the syntax
// ({"ipm": ...}, {"ipn": ...}, {"notification": ...}, {"orname": ...},
// {"mts-apdu": ...}, {"bind-argument"|"bind-result"|"bind-error": ...}) and
// writes its BER encoding to OUT, or as hex text to standard output. Bad JSON
// or a value the ASN.1 type cannot hold exits 1 with the JSON path.
#include <ostream>

#include "common/hex.hpp"
#include "common/json.hpp"
#include "gateway/cli/cmd_x400_common.hpp"
#include "gateway/cli/commands.hpp"
#include "x400/json/syntax_registry.hpp"

namespace mixer::cli {

Command x400_encode_command() {
  return Command{
      "x400 encode",
      "Encode a JSON document (as printed by x400 dump) to BER",
      [] {
        ArgSpec s;
        s.option("-o", "OUT", "write the BER to OUT (binary); default: hex text on standard output")
            .positional("JSON-FILE", "the JSON document to encode");
        return s;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        const std::string& path = args.positionals().at(0);
        auto bytes = x400_read_file(path);
        if (!bytes.ok()) {
          io.err << "mixer x400 encode: " << bytes.error() << "\n";
          return kExitFailure;
        }
        auto doc = json::parse(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
        if (!doc.ok()) {
          io.err << "mixer x400 encode: " << path << ": " << doc.error().to_string() << "\n";
          return kExitFailure;
        }
        auto ber = x400::xjson::encode_document(*doc);
        if (!ber.ok()) {
          io.err << "mixer x400 encode: " << path << ": " << ber.error() << "\n";
          return kExitFailure;
        }
        if (auto out = args.get("-o")) {
          auto st = x400_write_file(*out, *ber);
          if (!st.ok()) {
            io.err << "mixer x400 encode: " << st.error() << "\n";
            return kExitFailure;
          }
          return kExitOk;
        }
        io.out << to_hex(*ber) << "\n";
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
