package io.restore.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a terminal to replay what restore writes to one: printable characters, CR, LF,
 * cursor up (ESC [ n A), erase to the end of the screen (ESC [ J) or line (ESC [ K), colours
 * ignored. The screen never scrolls away: every line ever written is kept, as a terminal's
 * scroll-back would.
 */
final class Screen {
  private final List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
  private int row;
  private int col;

  static List<String> replay(String output) {
    Screen s = new Screen();
    s.write(output);
    return s.lines();
  }

  void write(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u001b' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
        int j = i + 2;
        while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == ';')) {
          j++;
        }
        String param = text.substring(i + 2, j);
        char command = j < text.length() ? text.charAt(j) : ' ';
        control(command, param.isEmpty() ? 0 : Integer.parseInt(param.split(";")[0]));
        i = j;
      } else if (c == '\r') {
        col = 0;
      } else if (c == '\n') {
        row++;
        col = 0;
        while (lines.size() <= row) {
          lines.add(new StringBuilder());
        }
      } else {
        StringBuilder line = lines.get(row);
        while (line.length() < col) {
          line.append(' ');
        }
        if (col < line.length()) {
          line.setCharAt(col, c);
        } else {
          line.append(c);
        }
        col++;
      }
    }
  }

  private void control(char command, int n) {
    switch (command) {
      case 'A' -> row = Math.max(0, row - Math.max(1, n));
      case 'J' -> {
        truncate(lines.get(row), col);
        while (lines.size() > row + 1) {
          lines.remove(lines.size() - 1);
        }
      }
      case 'K' -> {
        if (n == 2) {
          lines.get(row).setLength(0);
        } else {
          truncate(lines.get(row), col);
        }
      }
      default -> {
        // colours and anything else: no effect on the text
      }
    }
  }

  private static void truncate(StringBuilder line, int at) {
    if (line.length() > at) {
      line.setLength(at);
    }
  }

  List<String> lines() {
    List<String> out = new ArrayList<>();
    lines.forEach(l -> out.add(l.toString()));
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
