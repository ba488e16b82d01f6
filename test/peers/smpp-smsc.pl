#!/usr/bin/perl
# An SMSC played by Net::SMPP (Debian libnet-smpp-perl), for test/smpp-peer.test.ts.
# Prints "PORT <n>" once listening on loopback, then one line per event:
#   BIND <command> <system_id> | SUBMIT <conn> <seq> <dest> <dc> <esm> <hex> | ANSWER <seq> <status> <id>
#   MORESP <seq> <status> | RCPT <conn> <id-form>
# What a submit gets depends on the destination's last four digits:
#   0058 ESME_RTHROTTLED the first time, 0014 ESME_RMSGQFUL the first time, 0999 no answer the
#   first time; 0500 the last segment's receipt is UNDELIV; 0777 the receipt goes out before
#   the submit_sm_resp; 0258 (0299) ESME_RTHROTTLED (no answer) for segment 2 of a concatenated
#   message the first time, the other segments accepted. Every accepted submit gets a receipt on the *other* connection when
#   there is one, alternately as TLVs (receipted_message_id in hex, message_state) and as
#   text (id: in decimal with leading zeros).
# stdin: "MO <from> <to> <data_coding> <esm_class> <hex>" sends a deliver_sm on the first bind.
use strict;
use warnings;
use Net::SMPP;
use IO::Select;

$| = 1;
my $listen = Net::SMPP->new_listen('127.0.0.1', port => 0, smpp_version => 0x34) or die "listen: $!";
print "PORT ", $listen->sockport, "\n";
my $sel = IO::Select->new($listen, \*STDIN);
my @conns;
my %seen;
my $next_id = 41000;
my $receipts = 0;
my $stdin_buf = '';

sub other_conn {
  my ($c) = @_;
  for my $o (@conns) { return $o if $o != $c; }
  return $c;
}

sub receipt {
  my ($conn, $id, $stat) = @_;
  my $target = other_conn($conn);
  my $state = $stat eq 'DELIVRD' ? 2 : 5;
  if ($receipts++ % 2 == 0) {
    $target->deliver_sm(source_addr => '15550001', destination_addr => '15550002', esm_class => 0x04,
      short_message => '', async => 1,
      receipted_message_id => sprintf('%x', $id) . "\0", message_state => pack('C', $state));
    print "RCPT tlv ", sprintf('%x', $id), "\n";
  } else {
    my $text = sprintf('id:%010d sub:001 dlvrd:%03d submit date:2612021200 done date:2612021201 stat:%s err:%s text:', $id, $stat eq 'DELIVRD' ? 1 : 0, $stat, $stat eq 'DELIVRD' ? '000' : '005');
    $target->deliver_sm(source_addr => '15550001', destination_addr => '15550002', esm_class => 0x04, short_message => $text, async => 1);
    print "RCPT text ", sprintf('%010d', $id), "\n";
  }
}

while (1) {
  for my $fh ($sel->can_read) {
    if ($fh == $listen) {
      my $c = $listen->accept or next;
      push @conns, $c;
      $sel->add($c);
      next;
    }
    if ($fh == \*STDIN) {
      # sysread, not <STDIN>: buffered reads would hide lines from select().
      my $n = sysread(STDIN, my $chunk, 65536);
      exit 0 if !$n;
      $stdin_buf .= $chunk;
      while ($stdin_buf =~ s/^([^\n]*)\n//) {
        my ($cmd, $from, $to, $dc, $esm, $hex) = split / /, $1;
        next if !defined $cmd || $cmd ne 'MO' || !@conns;
        $conns[0]->deliver_sm(source_addr_ton => 1, source_addr_npi => 1, source_addr => $from, dest_addr_ton => 1, dest_addr_npi => 1,
          destination_addr => $to, esm_class => $esm + 0, data_coding => $dc + 0, short_message => pack('H*', $hex), async => 1);
      }
      next;
    }
    my $pdu = $fh->read_pdu;
    if (!defined $pdu) {
      $sel->remove($fh);
      @conns = grep { $_ != $fh } @conns;
      close $fh;
      next;
    }
    my $cmd = $pdu->{cmd};
    if ($cmd == Net::SMPP::CMD_bind_transceiver || $cmd == Net::SMPP::CMD_bind_transmitter || $cmd == Net::SMPP::CMD_bind_receiver) {
      my $status = $pdu->{system_id} eq 'refused' ? 0x0E : 0;
      print "BIND $cmd $pdu->{system_id}\n";
      if ($cmd == Net::SMPP::CMD_bind_transceiver) { $fh->bind_transceiver_resp(seq => $pdu->{seq}, status => $status, system_id => 'perlsmsc'); }
      elsif ($cmd == Net::SMPP::CMD_bind_transmitter) { $fh->bind_transmitter_resp(seq => $pdu->{seq}, status => $status, system_id => 'perlsmsc'); }
      else { $fh->bind_receiver_resp(seq => $pdu->{seq}, status => $status, system_id => 'perlsmsc'); }
    } elsif ($cmd == Net::SMPP::CMD_enquire_link) {
      $fh->enquire_link_resp(seq => $pdu->{seq});
    } elsif ($cmd == Net::SMPP::CMD_unbind) {
      $fh->unbind_resp(seq => $pdu->{seq});
    } elsif ($cmd == Net::SMPP::CMD_deliver_sm_resp) {
      print "MORESP $pdu->{seq} $pdu->{status}\n";
    } elsif ($cmd == Net::SMPP::CMD_submit_sm) {
      my $dest = $pdu->{destination_addr};
      my $sm = $pdu->{short_message};
      my $conn = (grep { $conns[$_] == $fh } 0..$#conns)[0] // -1;
      print "SUBMIT $conn $pdu->{seq} $dest $pdu->{data_coding} $pdu->{esm_class} ", unpack('H*', $sm), "\n";
      my $tail = substr($dest, -4);
      my $first = !$seen{"$dest:" . unpack('H*', $sm)}++;
      if ($first && $tail eq '0058') { $fh->submit_sm_resp(seq => $pdu->{seq}, status => 0x58, message_id => ''); print "ANSWER $pdu->{seq} 88 -\n"; next; }
      if ($first && $tail eq '0014') { $fh->submit_sm_resp(seq => $pdu->{seq}, status => 0x14, message_id => ''); print "ANSWER $pdu->{seq} 20 -\n"; next; }
      if ($first && $tail eq '0999') { print "ANSWER $pdu->{seq} hung -\n"; next; }
      my $segment = (($pdu->{esm_class} & 0x40) && length($sm) >= 6) ? (unpack('C6', $sm))[5] : 0;
      if ($first && $segment == 2 && $tail eq '0258') { $fh->submit_sm_resp(seq => $pdu->{seq}, status => 0x58, message_id => ''); print "ANSWER $pdu->{seq} 88 -\n"; next; }
      if ($first && $segment == 2 && $tail eq '0299') { print "ANSWER $pdu->{seq} hung -\n"; next; }
      my $id = $next_id++;
      my $last = 1;
      if (($pdu->{esm_class} & 0x40) && length($sm) >= 6) {
        my ($udhl, $iei, $iel, $ref, $total, $seq) = unpack('C6', $sm);
        $last = $seq == $total;
      }
      my $stat = ($tail eq '0500' && $last) ? 'UNDELIV' : 'DELIVRD';
      receipt($fh, $id, $stat) if $tail eq '0777';
      $fh->submit_sm_resp(seq => $pdu->{seq}, message_id => sprintf('%010d', $id));
      print "ANSWER $pdu->{seq} 0 ", sprintf('%010d', $id), "\n";
      receipt($fh, $id, $stat) if $tail ne '0777';
    } else {
      $fh->generic_nack(seq => $pdu->{seq}, status => 0x03) if !($cmd & 0x80000000);
    }
  }
}
