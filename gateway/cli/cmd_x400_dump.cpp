// `mixer x400 dump FILE [--as SYNTAX] [--hex] [-o OUT]`: decodes one BER value
// (X.411 MTS-APDU or MTA-bind PDU, X.420 information object, bare IPN, X.411
// ORName; by default chosen from the first tag) and prints it as
// JSON with the ASN.1 field names (x400/json/syntax_registry.hpp). Malformed
// or unexpected input exits 1 with the BER field path and byte offset.
#include <ostream>

#include "common/hex.hpp"
#include "common/json.hpp"
#include "gateway/cli/cmd_x400_common.hpp"
#include "gateway/cli/commands.hpp"
#include "x400/json/syntax_registry.hpp"

namespace mixer::cli {

Command x400_dump_command() {
  return Command{
      "x400 dump",
      "Decode a BER file (X.411 MTS-APDU / bind, X.420 IPM/IPN, ORName) and print it as JSON",
      [] {
        std::string syntaxes;
        for (const auto& s : x400::xjson::syntaxes())
          syntaxes += "\n      " + std::string(s.name) + ": " + std::string(s.summary);
        ArgSpec s;
        s.option("--as", "SYNTAX", "the ASN.1 type of FILE (default auto); one of:" + syntaxes)
            .flag("--hex", "FILE holds hex text (white space ignored) instead of binary BER")
            .option("-o", "OUT", "write the JSON to OUT instead of standard output")
            .positional("FILE", "the BER value to decode");
        return s;
      },
      [](const ParsedArgs& args, CommandIo& io) {
        const std::string syntax = args.get_or("--as", "auto");
        if (!x400::xjson::known_syntax(syntax)) {
          io.err << "mixer x400 dump: unknown --as \"" << syntax << "\" (see mixer x400 dump --help)\n";
          return kExitUsage;
        }
        const std::string& path = args.positionals().at(0);
        auto bytes = x400_read_file(path);
        if (!bytes.ok()) {
          io.err << "mixer x400 dump: " << bytes.error() << "\n";
          return kExitFailure;
        }
        if (args.has("--hex")) {
          auto decoded =
              from_hex(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
          if (!decoded) {
            io.err << "mixer x400 dump: " << path
                   << ": not hex text (odd number of digits or a non-hex character)\n";
            return kExitFailure;
          }
          *bytes = std::move(*decoded);
        }
        auto doc = x400::xjson::dump_ber(syntax, *bytes);
        if (!doc.ok()) {
          io.err << "mixer x400 dump: " << path << ": " << doc.error() << "\n";
          return kExitFailure;
        }
        const std::string text = json::write(*doc, {.indent = 2}) + "\n";
        if (auto out = args.get("-o")) {
          auto st = x400_write_file(*out, std::vector<std::uint8_t>(text.begin(), text.end()));
          if (!st.ok()) {
            io.err << "mixer x400 dump: " << st.error() << "\n";
            return kExitFailure;
          }
          return kExitOk;
        }
        io.out << text;
        return kExitOk;
      },
  };
}

}  // namespace mixer::cli
