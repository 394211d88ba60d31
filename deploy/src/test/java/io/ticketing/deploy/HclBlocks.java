package io.ticketing.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of HCL to find a block and one of its attributes in a .tf file, comments aside. */
final class HclBlocks {

    private HclBlocks() {
    }

    /** The body of the first block whose header ({@code module "mysql"}) is given, braces excluded. */
    static String block(String hcl, String header) {
        String code = withoutComments(hcl);
        Matcher start = Pattern.compile("(?m)^\\s*" + Pattern.quote(header) + "\\s*\\{").matcher(code);
        if (!start.find()) {
            throw new AssertionError("no block " + header);
        }
        int depth = 1;
        for (int i = start.end(); i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return code.substring(start.end(), i);
            }
        }
        throw new AssertionError("block " + header + " is not closed");
    }

    /** The expression assigned to a top-level attribute of a block body, on one line. */
    static String attribute(String body, String name) {
        Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*=\\s*(.+)$").matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no attribute " + name);
        }
        return matcher.group(1).strip();
    }

    private static String withoutComments(String hcl) {
        return hcl.replaceAll("(?m)(^|\\s)#.*$", "$1");
    }
}
